[<#list input.users as user><#if user?index == 3><#break></#if>"${user.user_id?json_string}"<#sep>, </#list>]
