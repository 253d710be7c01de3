[<#list input.users as user>"${user.user_id?json_string}"<#if user_has_next>,</#if></#list>]
