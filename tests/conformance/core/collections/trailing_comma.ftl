<#list [1, 2,] as x>${x}</#list>
