<#if n>x</#if>
