<#list seq?filter(x -> x != 2)?map(x -> x * 10) as x>${x} </#list>
