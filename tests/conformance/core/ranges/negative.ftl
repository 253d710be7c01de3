<#list -2..2 as i>${i} </#list>
