{
  "attributes": [
  <#list input.users.iterator() as user>
    {
      "external_id": "${user.user_id?json_string}",
      "cohort_${input.cohort_id}": ${input.in_cohort?c}
    }<#if user_has_next>,</#if>
  </#list>
  ]
}
