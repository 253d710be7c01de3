<#assign = 1>
