	x<#lt>
b
