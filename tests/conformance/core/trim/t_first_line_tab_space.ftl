	 x<#t>
b
