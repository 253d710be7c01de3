<#list 1..3 as i>${i}</#list>|<#list 3..1 as i>${i}</#list>|<#list 2..2 as i>${i}</#list>
