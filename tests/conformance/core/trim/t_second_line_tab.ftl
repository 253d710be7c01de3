q
	x<#t>
b
