<#macro wrap>(<#nested>)</#macro><@wrap>x</@>
