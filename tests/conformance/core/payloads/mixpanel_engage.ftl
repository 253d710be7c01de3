[
<#list input.users as user>
  {
    "$token": "TOKEN",
    "$distinct_id": "${user.user_id?json_string}",
    "$set": {"cohort_${input.cohort_name?json_string}": ${input.in_cohort?c}}
  }<#sep>,
</#list>
]
