<#list letters as l>${l}<#sep>, </#sep>;</#list>
