<#list input.users as user><#compress>  {  "id":   "${user.user_id?json_string}"  }  </#compress><#sep>,</#list>
