<#if input.users?size == 0>
{"cohort_id": "${input.cohort_id}", "users": null}
<#else>
{"cohort_id": "${input.cohort_id}", "count": ${input.users?size}, "first": "${input.users[0].user_id?json_string}"}
</#if>
