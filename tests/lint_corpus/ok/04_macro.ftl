<#macro member user>
    {
      "external_id": "${user.user_id?json_string}",
      "plan": "${(user.user_properties.plan!'free')?json_string}"
    }
</#macro>
{
  "audience": "${input.cohort_name?json_string}",
  "operation": "<#if input.in_cohort>add<#else>remove</#if>",
  "members": [
    <#list input.users as user><@member user=user/><#sep>,</#list>
  ]
}
