<#macro m rest...>[<#list rest as k, v>${k}</#list>]</#macro><@m/>
