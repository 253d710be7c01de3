<#list seq as x><#if x == 3><#continue></#if>${x}<#sep>, </#list>
