<#-- <#if> ${missing} </#list> -->ok
