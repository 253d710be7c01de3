<#list input.users.iterator() as user>
{"user_id": "${user.user_id?json_string}", "props": {<#list ["plan", "country", "age"] as key>"${key}": "${(user.user_properties[key])!''}"<#if key_has_next>, </#if></#list>}}<#if user_has_next>,</#if>
</#list>
