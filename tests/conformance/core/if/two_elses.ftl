<#if t>a<#else>b<#else>c</#if>
