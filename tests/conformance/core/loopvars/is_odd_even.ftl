<#list seq as x>${x?is_odd_item?c}${x?is_even_item?c} </#list>
