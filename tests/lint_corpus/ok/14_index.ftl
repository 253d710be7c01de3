{
  "rows": [
  <#list input.users as user>
    {"n": ${user?index?c}, "id": "${user.user_id?json_string}", "first": ${user?is_first?c}}<#sep>,
  </#list>
  ],
  "empty": ${(input.users?size == 0)?c}
}
