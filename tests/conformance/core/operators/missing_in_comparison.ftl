<#if nope == 1>x</#if>
