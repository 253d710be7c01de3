<#assign cohort = input.cohort_name?json_string>
<#assign action = input.in_cohort?then("enter", "exit")>
<#list input.users as user>
{"cohort": "${cohort}", "action": "${action}", "user": "${user.user_id?json_string}"}
</#list>
