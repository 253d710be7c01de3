<#list input.users as user>
  <#if (user.user_properties.vip)!false>
${user.user_id?json_string} is vip
  </#if>
</#list>
