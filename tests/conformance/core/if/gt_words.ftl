<#if n gt 41>a</#if><#if n gte 42>b</#if><#if n lt 43>c</#if><#if n lte 42>d</#if>
