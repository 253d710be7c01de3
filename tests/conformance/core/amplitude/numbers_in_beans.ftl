<#list input.users.iterator() as u>${u.user_id}: ${(u.user_properties.age)!"-"} ${(u.user_properties.ltv)!"-"}<#if u_has_next>, </#if></#list>
