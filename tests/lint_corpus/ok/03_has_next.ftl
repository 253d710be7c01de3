{
  "event": "${input.in_cohort?string('cohort_entered', 'cohort_exited')}",
  "count": ${input.users?size?c},
  "members": [
  <#list input.users as user>
    {"id": "${user.user_id?json_string}", "position": ${user?counter?c}}<#if user?has_next>,</#if>
  </#list>
  ]
}
