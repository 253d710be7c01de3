<#list letters as l>${l?is_first?c}/${l?is_last?c} </#list>
