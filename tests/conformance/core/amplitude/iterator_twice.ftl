{"ids": [<#list input.users.iterator() as u>"${u.user_id?json_string}"<#if u_has_next>,</#if></#list>], "n": [<#list input.users.iterator() as u>${u_index}<#if u_has_next>,</#if></#list>]}
