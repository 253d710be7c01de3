[
<#list input.users as user>
  "${user.user_id!'null'}"<#sep>,
</#list>
]
