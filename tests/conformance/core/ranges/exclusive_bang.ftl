<#list 0..!3 as i>${i}</#list>
