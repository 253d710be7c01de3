<#list letters><#items as l>${l?counter}</#items></#list>
