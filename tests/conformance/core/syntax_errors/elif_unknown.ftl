<#if f>a<#elif t>b</#if>
