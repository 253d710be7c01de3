[
<#list input.users as user>
  <#if user.user_id?contains("@")>
  {"email": "${user.user_id}"}<#sep>,</#sep>
  <#else>
  {"id": "${user.user_id?json_string}"}<#sep>,</#sep>
  </#if>
</#list>
]
