<#list seq as x><#break 1></#list>
