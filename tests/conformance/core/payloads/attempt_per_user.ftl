<#list input.users as user>
<#attempt>
{"id": "${user.user_id}", "plan": "${user.user_properties.plan}"}
<#recover>
{"id": "${user.user_id?json_string}", "plan": null}
</#attempt>
</#list>
