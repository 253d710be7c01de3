<#list seq as x><#noparse>${x}</#noparse>${x} </#list>
