{
  "cohort": "${input.cohort_name?json_string}",
  "users": [
  <#list input.users as user>
    {"user_id": "${user.user_id?json_string}", "properties": ${UtilClass.toJson(user.user_properties)}}<#sep>,</#sep>
  </#list>
  ]
}
