<#list input.users as user>
  "${user.user_id?c}"
</#list>
