<#list 1.. as i>${i}<#if i == 5><#break></#if></#list>
