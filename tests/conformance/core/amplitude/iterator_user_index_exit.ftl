[
<#list input.users.iterator() as user>
  {"position": ${user_index + 1}, "user_id": "${user.user_id?json_string}", "action": "<#if input.in_cohort>enter<#else>exit</#if>"}<#if user_has_next>,</#if>
</#list>
]
