<#list counts as k, v>${k?counter}${v?is_last?c} </#list>
