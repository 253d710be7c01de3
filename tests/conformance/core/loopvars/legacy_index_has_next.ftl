<#list letters as l>${l_index}${l_has_next?c} </#list>
