<#list letters as l>${'${l?counter}.${l}'} </#list>
