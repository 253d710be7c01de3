<#function direction entered>
  <#if entered><#return "enter"><#else><#return "exit"></#if>
</#function>
{
  "direction": "${direction(input.in_cohort)}",
  "computed_at": ${input.computed_time?number?c},
  "ids": [<#list input.users as user>"${user.user_id?json_string}"<#sep>,</#list>]
}
