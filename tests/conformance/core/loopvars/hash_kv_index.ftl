<#list counts as k, v>${k?index}${k?has_next?c} </#list>
