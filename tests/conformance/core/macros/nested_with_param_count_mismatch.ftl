<#macro m><#nested 1, 2></#macro><@m ; a>${a}</@m>
