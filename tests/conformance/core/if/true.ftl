<#if t>yes</#if>
