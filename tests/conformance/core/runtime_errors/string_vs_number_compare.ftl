<#if s == 1>x</#if>
