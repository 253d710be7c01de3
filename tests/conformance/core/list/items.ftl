<#list letters>[<#items as l>${l}<#sep>, </#items>]</#list>
