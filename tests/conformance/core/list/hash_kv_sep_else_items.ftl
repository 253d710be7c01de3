<#list counts>{<#items as k, v>"${k}": ${v}<#sep>, </#items>}<#else>{}</#list> <#list emptyh>{<#items as k, v>${k}</#items>}<#else>{}</#list>
