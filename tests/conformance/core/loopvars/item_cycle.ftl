<#list letters as l>${l?item_cycle('r', 'g', 'b')} </#list>
