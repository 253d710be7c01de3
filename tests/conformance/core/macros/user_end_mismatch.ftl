<#macro m><#nested></#macro><@m>x</@n>
