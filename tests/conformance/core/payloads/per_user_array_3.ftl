[
<#list input.users as user>
  {"user_id": "${user.user_id?json_string}", "cohort": "${input.cohort_name?json_string}", "in_cohort": ${input.in_cohort?c}}<#if user?has_next>,</#if>
</#list>
]
