<#macro wrap>[<#nested>]</#macro><@wrap>inner</@wrap>
