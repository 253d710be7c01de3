<#assign x = nope>
