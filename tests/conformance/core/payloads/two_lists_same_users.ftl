{"a": [<#list input.users as u>"${u.user_id?json_string}"<#sep>,</#list>], "b": [<#list input.users as u>${u?index}<#sep>,</#list>]}
