<#list seq as x><#list letters as l>${x}${l}<#if l == 'b'><#break></#if> </#list>| </#list>
