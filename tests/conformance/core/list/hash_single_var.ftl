<#list counts as k>${k}</#list>
