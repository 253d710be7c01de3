<#list seq as x>${x}<#if x == 2><#break></#if></#list>
