<#ftl strip_whitespace=true>
	