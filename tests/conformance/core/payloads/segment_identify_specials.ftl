{
  "batch": [
<#list input.users as user>
    {
      "type": "identify",
      "userId": "${user.user_id?json_string}",
      "traits": {
        "${input.cohort_name?json_string}": ${input.in_cohort?c}
      },
      "messageId": "${input.message_id}-${user?index}"
    }<#if user?has_next>,</#if>
</#list>
  ]
}
