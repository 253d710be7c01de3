<#compress>  a  b  </#compress>|
