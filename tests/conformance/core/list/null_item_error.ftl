<#list mixed as x>${x} </#list>
