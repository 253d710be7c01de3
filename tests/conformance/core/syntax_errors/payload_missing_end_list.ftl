{
  "cohort_name": "${input.cohort_name}",
  "users": [
  <#list input.users as user>
    {"user_id": "${user.user_id}"}<#sep>,
  ]
}
