<#list 'a'..'c' as i>${i}</#list>
