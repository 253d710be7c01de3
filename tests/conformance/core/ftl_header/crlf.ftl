<#ftl>
x
