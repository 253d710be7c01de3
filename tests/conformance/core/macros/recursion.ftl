<#macro down k>${k}<#if k gt 0> <@down k - 1/></#if></#macro><@down 5/>
