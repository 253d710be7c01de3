{
  "listId": "${input.cohort_id}",
  "<#if input.in_cohort>add<#else>remove</#if>": [
<#list input.users as user>
    {"email": "${user.user_id?json_string}"}<#sep>,</#sep>
</#list>
  ]
}
