<#assign base = 10><#macro m x=base * 2>${x}</#macro><@m/>
