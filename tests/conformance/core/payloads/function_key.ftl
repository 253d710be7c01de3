<#function key u><#return input.cohort_id + ":" + u.user_id></#function>
<#list input.users as u>
${key(u)?json_string}
</#list>
