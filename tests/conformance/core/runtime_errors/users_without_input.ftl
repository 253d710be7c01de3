<#list users as user>${user.user_id}</#list>
