<#if f>a<#else if t>b</#if>
