<#function label u><#return u.user_id + '@' + input.cohort_id></#function>${label(input.users[0])}
