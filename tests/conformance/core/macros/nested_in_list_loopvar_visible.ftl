<#macro m><#nested></#macro><#list letters as l><@m>${l}${l?index}<#if l?has_next>,</#if></@m></#list>
