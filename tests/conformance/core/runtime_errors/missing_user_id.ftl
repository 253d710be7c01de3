<#list input.users as u>"${u.user_id}" ${u.email}
</#list>
