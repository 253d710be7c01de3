[<#if f>yes</#if>]
