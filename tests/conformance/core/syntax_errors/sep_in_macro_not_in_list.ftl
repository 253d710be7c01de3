<#macro m><#sep>,</#macro>
