<#macro user_obj u>
    {"user_id": "${u.user_id?json_string}", "action": "<#if input.in_cohort>add<#else>remove</#if>"}</#macro>
{
  "users": [
  <#list input.users as user>
<@user_obj u=user/><#sep>,</#sep>
  </#list>
  ]
}
