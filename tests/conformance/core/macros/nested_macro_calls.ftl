<#macro a><b><#nested></b></#macro><#macro c><@a><i><#nested></i></@a></#macro><@c>x</@c>
