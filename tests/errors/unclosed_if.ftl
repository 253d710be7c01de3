<#if input.in_cohort>
  <#list input.users as user>${user.user_id}</#list>
