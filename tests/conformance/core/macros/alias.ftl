<#macro m>x</#macro><#assign alias = m><@alias/>
