<#macro m><#nested></#macro><#list seq as x><@m>${x?has_next?c}</@m> </#list>
