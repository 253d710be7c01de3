<#assign emails = input.users?filter(u -> u.user_id?contains("@"))>
<#assign others = input.users?filter(u -> !u.user_id?contains("@"))>
{
  "emails": [<#list emails as u>"${u.user_id?json_string}"<#sep>, </#list>],
  "others": [<#list others as u>"${u.user_id?json_string}"<#sep>, </#list>]
}
