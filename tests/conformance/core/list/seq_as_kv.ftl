<#list seq as k, v>${k}</#list>
