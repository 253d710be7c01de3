<#ftl>
body
