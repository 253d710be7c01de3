<#list seq?filter(x -> x) as x>${x}</#list>
