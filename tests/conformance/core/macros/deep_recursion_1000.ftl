<#macro down k><#if k gt 0><@down k - 1/></#if><#if k % 250 == 0>${k} </#if></#macro><@down 1000/>
