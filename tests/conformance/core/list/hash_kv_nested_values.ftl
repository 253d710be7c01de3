<#list h as k, v>${k}<#if v?is_hash> is a hash</#if> </#list>
