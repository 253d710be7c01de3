<#list mixed as x>${(x??)?c} </#list>
