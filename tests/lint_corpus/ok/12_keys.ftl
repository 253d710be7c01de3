{
  "users": [
  <#list input.users as user>
    {
      "id": "${user.user_id?json_string}",
      "props": {<#list user.user_properties?keys as key>"${key?json_string}": "${(user.user_properties[key]!"")?string?json_string}"<#sep>, </#list>}
    }<#sep>,
  </#list>
  ]
}
