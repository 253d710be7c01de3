<#ftl foo=1>
x
