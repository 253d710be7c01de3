<#list input.users as user>{<#list user.user_properties!{} as k, v>"${k}": <#if v?is_string>"${v?json_string}"<#elseif v?is_boolean>${v?c}<#else>${v?c}</#if><#sep>, </#list>}
</#list>