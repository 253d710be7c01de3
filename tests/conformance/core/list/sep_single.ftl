<#list ['only'] as l>${l}<#sep>, </#list>
