<#if t>a<#else>b<#elseif f>c</#if>
