<#list seq?filter(x -> x > 1) as x>${x}</#list>
