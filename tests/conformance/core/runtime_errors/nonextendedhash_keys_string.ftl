<#list s?keys as k>${k}</#list>
