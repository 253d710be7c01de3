<#-- In the style of Amplitude's per-user / user-properties doc example, as printed there:
     the stray spaces in "< #list", "< /#if>", "< /#list>" and "$ {" are part of the example. -->
{
   "cohort_name": "${input.cohort_name?json_string}",
   "cohort_id": "${input.cohort_id}",
   "in_cohort": ${input.in_cohort},
   "computed_time": "${input.computed_time}",
   "message_id": "${input.message_id}",
   "users": [
   < #list input.users.iterator() as user>
   {
      "user_id": "${user.user_id?json_string}",
      "user_properties": $ {UtilClass.toJson(input.user_properties)}
   }<#if user_has_next>,< /#if>
   < /#list>
   ]
}
