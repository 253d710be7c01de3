<#list input.users[0] as k, v>${k} </#list>
