<#list letters as l>${l?item_parity} ${l?item_parity_cap} </#list>
