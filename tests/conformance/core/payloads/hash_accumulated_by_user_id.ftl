<#assign acc = {}><#list input.users as user><#assign acc = acc + {user.user_id: user?index}></#list>{<#list acc as k, v>"${k?json_string}": ${v}<#sep>, </#list>}
