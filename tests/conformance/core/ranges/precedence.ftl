<#list 1..1 + 2 as i>${i}</#list>|<#list 1 + 1..3 as i>${i}</#list>
