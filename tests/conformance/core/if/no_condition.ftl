<#if>a</#if>
