<#if (n > 10)>gt</#if>
