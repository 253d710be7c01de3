<#-- HubSpot-style list membership update: one request per message -->
<#assign listId = "cohort-" + input.cohort_id>
<#assign ids = input.users?map(u -> u.user_id)>
{
  "listId": "${listId}",
  "operation": "${input.in_cohort?then("ADD", "REMOVE")}",
  "computedAt": ${(input.computed_time?number * 1000)?c},
  "recordIds": [<#list ids as id>"${id?json_string}"<#sep>, </#list>],
  "total": ${ids?size?c}
}
