<#macro m><#assign fromMacro = 'set'></#macro><@m/>${fromMacro}
