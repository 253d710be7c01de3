<#-- Segment-style identify batch -->
{
  "batch": [
<#list input.users as user>
    {
      "type": "identify",
      "userId": "${user.user_id?json_string}",
      "traits": {
        "amplitude_cohort_${input.cohort_id}": ${input.in_cohort?c}
      }
    }<#sep>,</#sep>
</#list>
  ]
}
