<#list seq as x></#list>${x!'gone'}
