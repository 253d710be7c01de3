<#list seq as x><#sep>, </#sep>${x}</#list>
