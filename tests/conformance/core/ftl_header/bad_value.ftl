<#ftl strip_whitespace='no'>
x
