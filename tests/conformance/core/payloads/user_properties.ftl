{
  "cohort": "${input.cohort_name?json_string}",
  "users": [
  <#list input.users as user>
    {
      "user_id": "${user.user_id?json_string}",
      "plan": "${(user.user_properties.plan)!'unknown'}",
      "age": ${(user.user_properties.age?c)!'null'},
      "ltv": ${(user.user_properties.ltv?c)!'null'}
    }<#sep>,</#sep>
  </#list>
  ]
}
