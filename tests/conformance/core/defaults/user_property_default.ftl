<#list input.users as u>${(u.user_properties.plan)!'free'} </#list>
