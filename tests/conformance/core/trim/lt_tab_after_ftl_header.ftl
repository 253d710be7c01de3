<#ftl strip_whitespace=true>
	x<#lt>	
	x<#lt>