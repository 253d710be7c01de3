<#if t == true>a</#if><#if f != true>b</#if>
