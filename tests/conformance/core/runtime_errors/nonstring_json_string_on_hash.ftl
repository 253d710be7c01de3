<#list input.users as u>"${u?json_string}"</#list>
