<#macro wrap k><#if k gt 0>(<@wrap k - 1><#nested></@wrap>)<#else><#nested></#if></#macro><@wrap 50>x</@wrap>
