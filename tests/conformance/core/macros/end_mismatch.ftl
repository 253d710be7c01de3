<#macro m>x</#function>
