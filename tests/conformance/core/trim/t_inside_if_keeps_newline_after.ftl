<#if true>b<#t></#if>
<#if true>c<#t></#if><#if false>d</#if>
next
