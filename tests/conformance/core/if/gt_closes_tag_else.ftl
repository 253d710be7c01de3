<#if n > 100>big<#else>small</#if>
