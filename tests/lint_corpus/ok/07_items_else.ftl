{
  "cohort_id": "${input.cohort_id}",
  "users": <#list input.users>[
    <#items as user>"${user.user_id?json_string}"<#sep>, </#items>
  ]<#else>[]</#list>
}
