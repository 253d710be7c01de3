<#macro m><#nested></#macro><#list seq as x><@m>${x}<#sep>,</@m></#list>
