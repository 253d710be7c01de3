<#if t><#list seq as x></#if></#list>
