<#list seq as x>${x?item_cycle()}</#list>
