{
  "text": "<#if input.in_cohort>${input.users?size} users entered<#else>${input.users?size} users left</#if> cohort *${input.cohort_name?json_string}*"
}
