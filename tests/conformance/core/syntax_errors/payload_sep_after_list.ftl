{
  "cohort_name": "${input.cohort_name}",
  "users": [
  <#list input.users as user>
    "${user.user_id}"
  </#list><#sep>,
  ]
}
