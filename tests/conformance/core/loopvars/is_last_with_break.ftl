<#list seq as x>${x?is_last?c}<#if x == 2><#break></#if> </#list>
