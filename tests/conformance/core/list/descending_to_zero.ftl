<#list 1..0 as i>${i}</#list>
