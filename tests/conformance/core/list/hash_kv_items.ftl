<#list counts>{<#items as k, v>${k}: ${v}<#sep>, </#items>}</#list>
