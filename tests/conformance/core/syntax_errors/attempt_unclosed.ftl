<#attempt>x<#recover>y
