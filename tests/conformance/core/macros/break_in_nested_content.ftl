<#macro m><#nested></#macro><#list seq as x><@m>${x}<#if x == 2><#break></#if></@m></#list>
