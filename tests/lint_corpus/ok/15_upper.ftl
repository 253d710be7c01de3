{
  "COHORT": "${input.cohort_name?upper_case?json_string}",
  "ID": "${input.cohort_id?upper_case}",
  "users": [<#list input.users?sort_by("user_id") as user>{"id": "${user.user_id?json_string}"}<#sep>, </#list>]
}
