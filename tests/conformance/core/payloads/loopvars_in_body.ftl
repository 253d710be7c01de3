[
<#list input.users as user>
  {"i": ${user?index}, "n": ${user?counter}, "first": ${user?is_first?c}, "last": ${user?is_last?c}, "odd": "${user?item_parity}", "id": "${user.user_id?json_string}"}<#sep>,
</#list>
]
