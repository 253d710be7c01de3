<#assign action = input.in_cohort?then("subscribe", "unsubscribe")>
<#assign total = input.users?size>
{
  "action": "${action}",
  "total": ${total?c},
  "batch": "${input.message_id}",
  "emails": [
  <#list input.users as user>
    <#assign email = user.user_properties.email!"">
    {"user": "${user.user_id?json_string}", "email": "${email?json_string}"}<#sep>,</#sep>
  </#list>
  ]
}
