{
  "name": "${input.cohort_name?json_string}",
  "users": [
  <#list input.users as user>
    {
      "id": "${user.user_id?json_string}",
      <#if user.user_properties.country??>
      "country": "${user.user_properties.country?json_string}",
      </#if>
      "has_props": ${user.user_properties?has_content?c}
    }<#sep>,
  </#list>
  ]
}
