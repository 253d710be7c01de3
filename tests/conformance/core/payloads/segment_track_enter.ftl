<#assign event = input.in_cohort?then("Entered Cohort", "Exited Cohort")>
{"batch": [<#list input.users as user>{"type": "track", "event": "${event}", "userId": "${user.user_id?json_string}", "properties": {"cohort_id": "${input.cohort_id}", "computed_time": ${input.computed_time}}}<#sep>, </#list>]}
