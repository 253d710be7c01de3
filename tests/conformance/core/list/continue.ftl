<#list seq as x><#if x == 2><#continue></#if>${x}</#list>
