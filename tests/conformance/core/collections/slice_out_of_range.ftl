<#list letters[1..10] as l>${l}</#list>
