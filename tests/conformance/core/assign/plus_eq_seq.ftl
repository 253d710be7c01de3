<#assign l = [1]><#assign l += [2]><#list l as x>${x}</#list>
