<#if t><#if f>a<#else><#if t>b</#if></#if></#if>
