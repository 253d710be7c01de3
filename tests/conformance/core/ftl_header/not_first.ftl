x<#ftl>
