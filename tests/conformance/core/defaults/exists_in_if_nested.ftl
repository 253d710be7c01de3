<#list input.users as u><#if u.user_properties??>props<#else>none</#if> </#list>
