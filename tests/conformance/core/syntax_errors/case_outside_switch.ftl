<#case 1>x
