<#list seq as x>${x?item_cycle('a')} </#list>
