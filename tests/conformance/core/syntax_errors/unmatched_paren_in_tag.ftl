<#if (t>x</#if>
