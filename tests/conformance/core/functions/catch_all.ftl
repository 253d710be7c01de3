<#function sum nums...><#local total = 0><#list nums as x><#local total += x></#list><#return total></#function>${sum(1, 2, 3.5)} ${sum()}
