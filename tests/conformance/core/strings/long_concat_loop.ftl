<#assign acc = ''><#list 1..300 as i><#assign acc += i?c></#list>${acc?length}
