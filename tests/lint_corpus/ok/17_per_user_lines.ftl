<#list input.users.iterator() as user>
{"user_id": "${user.user_id?json_string}", "in_cohort": ${input.in_cohort?c}}<#if user_has_next>
</#if>
</#list>
