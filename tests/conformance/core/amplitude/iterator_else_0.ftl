{"users": [<#list input.users.iterator() as user>"${user.user_id?json_string}"<#if user_has_next>, </#if><#else>]</#list>}
