<#assign total = 0><#list 1..20000 as i><#assign total += i></#list>${total} ${total?c}
