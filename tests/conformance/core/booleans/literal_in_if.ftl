<#if true>a</#if><#if false>b</#if>
