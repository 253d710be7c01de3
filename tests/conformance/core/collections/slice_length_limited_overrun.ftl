<#list letters[3..*10] as l>${l}</#list>
