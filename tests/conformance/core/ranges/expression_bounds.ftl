<#list (n - 40)..(n - 38) as i>${i}</#list>
