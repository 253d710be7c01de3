[
<#list input.users as user>
  "${user.user_id?json_string}"<#sep>,
</#list>
]
