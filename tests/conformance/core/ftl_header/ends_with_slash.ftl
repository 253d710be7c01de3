<#ftl/>
x
