[
<#list input.users as user>
  <#assign p = user.user_properties!{}>
  {"id": "${user.user_id?json_string}", "age": ${(p.age)!0}, "score": ${(p.ltv)!0}, "score_c": ${(p.ltv?c)!0}}<#sep>,
</#list>
]
