<#list input.users as user>
{"c": "${input.cohort_name}", "id": "${user.user_id?json_string}", "t": ${input.computed_time}, "in": ${input.in_cohort?c}}
</#list>
