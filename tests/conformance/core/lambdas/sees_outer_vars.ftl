<#assign limit = 2><#list seq?filter(x -> x >= limit) as x>${x}</#list>
