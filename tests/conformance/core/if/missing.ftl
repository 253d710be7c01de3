<#if nope>x</#if>
