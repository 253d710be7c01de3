<#-- Seed template for the end-to-end test: Amplitude's default cohort-webhook payload.
     user_id is inserted into a JSON string without ?json_string, which lint reports. -->
{
  "cohort_name": "${input.cohort_name?json_string}",
  "cohort_id": "${input.cohort_id?json_string}",
  "in_cohort": ${input.in_cohort?c},
  "computed_time": "${input.computed_time?json_string}",
  "message_id": "${input.message_id?json_string}",
  "users": [
    <#list input.users as user>
    {
      "user_id": "${user.user_id}"
    }<#sep>,</#sep>
    </#list>
  ]
}
