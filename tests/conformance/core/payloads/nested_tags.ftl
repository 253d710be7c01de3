{
<#list input.users as user>
  "${user.user_id?json_string}": [<#list (user.tags)![] as tag>"${tag?json_string}"<#sep>, </#list>]<#sep>,</#sep>
</#list>
}
