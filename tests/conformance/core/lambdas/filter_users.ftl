<#list input.users?filter(u -> u.user_properties??) as u>${u.user_id} </#list>
