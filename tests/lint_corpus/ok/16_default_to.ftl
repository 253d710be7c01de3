<#assign source = "amplitude">
{
  "source": "${source}",
  "cohort": "${(input.cohort_name!"unnamed")?json_string}",
  "users": [<#list input.users as user>{"id": "${user.user_id?json_string}", "tier": "${(user.user_properties.tier!"none")?json_string}"}<#sep>, </#list>]
}
