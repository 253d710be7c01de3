<#if nothing>x</#if>
