<#compress>
{
  "cohort": "${input.cohort_name}",
  "users": [
  <#list input.users as u>
    "${u.user_id?json_string}"<#sep>,</#sep>
  </#list>
  ]
}
</#compress>
