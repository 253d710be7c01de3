<#macro m>a<#return>b</#macro><@m/>c
