<#list 1..5 as i>${i}</#list>
