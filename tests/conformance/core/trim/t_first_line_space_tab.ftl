 	x<#t>
b
