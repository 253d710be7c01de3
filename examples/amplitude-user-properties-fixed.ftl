<#-- examples/amplitude-user-properties.ftl with the broken directives and the
     input.user_properties slip corrected; Amplitude's own idioms are kept. -->
{
   "cohort_name": "${input.cohort_name?json_string}",
   "cohort_id": "${input.cohort_id}",
   "in_cohort": ${input.in_cohort},
   "computed_time": "${input.computed_time}",
   "message_id": "${input.message_id}",
   "users": [
   <#list input.users.iterator() as user>
   {
      "user_id": "${user.user_id?json_string}",
      "user_properties": ${UtilClass.toJson(user.user_properties)}
   }<#if user_has_next>,</#if>
   </#list>
   ]
}
