<#list mixed as x>${x!'null'} </#list>
