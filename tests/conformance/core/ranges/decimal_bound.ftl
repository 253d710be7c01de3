<#list 1.5..3 as i>${i}</#list>
