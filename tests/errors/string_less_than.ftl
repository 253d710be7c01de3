<#if "a" < "b">x</#if>
