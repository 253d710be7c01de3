<#compress>
{
  "cohort_name": "${input.cohort_name?json_string}",
  "in_cohort": ${input.in_cohort?c},
  "user_ids": [<#list input.users as user>"${user.user_id?json_string}"<#sep>,</#list>]
}
</#compress>
