{"users": [<#list input.users><#items as user>"${user.user_id?json_string}"<#sep>, </#items><#else>null</#list>]}
