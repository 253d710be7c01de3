<#macro m>x</#macro>${m}
