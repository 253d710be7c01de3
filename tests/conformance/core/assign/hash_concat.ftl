<#assign hh = {'a': 1, 'b': 2} + {'b': 3, 'c': 4}><#list hh as k, v>${k}${v} </#list>
