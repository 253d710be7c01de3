<#list seq as x><#assign last = x></#list>${last}
