<#list [5, 20, 70, 500] as v><#if v < 10>small<#elseif v < 50>medium<#elseif v < 100>big<#else>huge</#if> </#list>
