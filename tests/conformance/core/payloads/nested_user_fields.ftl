<#list input.users as user>
${user.user_properties.plan}/${user.user_properties.age?c}
</#list>
