{
  "cohort_name": "${input.cohort_name}",
  "cohort_id": "${input.cohort_id}",
  "in_cohort": ${input.in_cohort?c},
  "users": [
    <#list input.users as user>"${user.user_id}"<#sep>,</#list
  ]
}
