{
  "tag": "${input.cohort_name?json_string}",
  "users": [<#list input.users as user>{"user_id": "${user.user_id?json_string}"<#if !input.in_cohort>, "untag": true</#if>}<#sep>, </#list>]
}
