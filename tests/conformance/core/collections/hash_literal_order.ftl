<#list {'z': 1, 'a': 2, 'm': 3} as k, v>${k}${v}</#list>
