<#list {'a': 1, 'b': 2, 'c': 3} as k, v>${k}<#if v == 2><#break></#if></#list>
