<#if nothing??>a<#else>b</#if><#if name??>c</#if><#if nope??>d</#if>
