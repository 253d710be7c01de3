<#macro m><#return 1></#macro><@m/>
