<#ftl>
<#ftl>
x
