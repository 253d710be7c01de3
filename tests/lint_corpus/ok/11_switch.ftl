<#assign label>${input.cohort_name?trim}</#assign>
{
  "label": "${label?json_string}",
  <#switch input.in_cohort?c>
    <#case "true">"op": "add",<#break>
    <#default>"op": "remove",
  </#switch>
  "size": ${input.users?size?c}
}
