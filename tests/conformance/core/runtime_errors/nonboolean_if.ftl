<#if s>x</#if>
