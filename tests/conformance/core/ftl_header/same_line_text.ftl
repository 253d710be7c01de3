<#ftl>x
