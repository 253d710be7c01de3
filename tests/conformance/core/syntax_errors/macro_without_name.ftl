<#macro>x</#macro>
