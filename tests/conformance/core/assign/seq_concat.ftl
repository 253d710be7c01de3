<#assign l = [1] + [2, 3]><#list l as x>${x}</#list>
