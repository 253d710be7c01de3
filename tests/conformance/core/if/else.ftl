<#if f>yes<#else>no</#if>
