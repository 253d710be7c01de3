	x<#t>
b
