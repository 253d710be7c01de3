<#assign x = 'outer'><#list seq?map(x -> x + 1) as y>${y}</#list> ${x}
