<#list letters?map(l -> l + l) as x>${x}</#list>
