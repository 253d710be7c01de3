{"cohort": "${input.cohort_name?json_string}", "id": "${input.cohort_id}", "count": ${input.users?size}, "enter": ${input.in_cohort?c}, "at": ${input.computed_time}}
