<#-- c --><#ftl>
x
