<#list letters as l>${l?index}:${l?counter} </#list>
