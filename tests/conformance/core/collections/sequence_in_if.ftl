<#if seq>x</#if>
