{"cohort": "${input.cohort_id}", "action": "${input.in_cohort?then('add', 'remove')}", "ids": [<#list input.users as u>"${u.user_id?json_string}"<#sep>, </#list>]}
