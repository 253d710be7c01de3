<#if t && 1>x</#if>
