<#list letters[1..3] as l>${l}</#list>
