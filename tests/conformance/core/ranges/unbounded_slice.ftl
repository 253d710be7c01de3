<#list letters[2..] as l>${l}</#list>
