<#list input.users as user, i>${user.user_id}</#list>
