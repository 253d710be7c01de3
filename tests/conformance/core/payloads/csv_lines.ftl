user_id,cohort,in_cohort
<#list input.users as user>
"${user.user_id?replace('"', '""')}",${input.cohort_id},${input.in_cohort?c}
</#list>
