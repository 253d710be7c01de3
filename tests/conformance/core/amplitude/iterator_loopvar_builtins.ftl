<#list input.users.iterator() as user>${user?counter}:${user.user_id?json_string}<#if user?has_next>,</#if></#list>
