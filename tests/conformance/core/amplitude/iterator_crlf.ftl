{
   "cohort_name": "${input.cohort_name}",
   "cohort_id": "${input.cohort_id}",
   "in_cohort": ${input.in_cohort?c},
   "computed_time": "${input.computed_time}",
   "message_id": "${input.message_id}",
   "users": [
   <#list input.users.iterator() as user>
   {
      "user_id": "${user.user_id?json_string}"
   }<#if user_has_next>,</#if>
   </#list>
   ]
}
