<#list input.users as u>${(u.user_properties.ltv)!"-"}
</#list>