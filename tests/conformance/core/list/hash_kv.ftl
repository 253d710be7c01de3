<#list counts as k, v>${k}=${v} </#list>
