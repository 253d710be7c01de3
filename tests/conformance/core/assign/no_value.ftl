<#assign x =>
