{
  "attributes": [
  <#list input.users as user>
    {
      "external_id": "${user.user_id?json_string}",
      "cohort_${input.cohort_id}": ${input.in_cohort?c}
    }<#sep>,</#sep>
  </#list>
  ]
}
