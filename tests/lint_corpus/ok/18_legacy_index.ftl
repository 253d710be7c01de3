[
<#list input.users.iterator() as user>
  {"index": ${user_index}, "user_id": "${user.user_id?json_string}", "cohort_id": "${input.cohort_id}"}<#if user_has_next>,</#if>
</#list>
]
