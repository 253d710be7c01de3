<#macro m><#local a = 1 b = a + 1><#local b += 10>${a} ${b}</#macro><@m/>
