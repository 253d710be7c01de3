<#list input.users as u>${u.user_id}
</#list>