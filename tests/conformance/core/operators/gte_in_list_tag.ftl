<#list seq?filter(x -> x >= 2) as x>${x}</#list>
