[
<#list input.users as user>
  "${user.user_id}"<#sep>,
</#list>
]
