<#list input.users as user>
{"id": "${user.user_id?json_string}"<#if user.user_properties??><#list user.user_properties as k, v>, "${k}": <#if v?is_number>${v?c}<#elseif v?is_boolean>${v?c}<#else>"${v?json_string}"</#if></#list></#if>}
</#list>
