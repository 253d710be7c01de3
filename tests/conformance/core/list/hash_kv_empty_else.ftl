<#list emptyh as k, v>${k}<#else>no keys</#list>
