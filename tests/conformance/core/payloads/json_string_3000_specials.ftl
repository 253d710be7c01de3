{"users": [
<#list input.users as user>
{"user_id": "${user.user_id?json_string}", "cohort": "${input.cohort_name?json_string}"}<#sep>,
</#list>
]}
