<#list [1, 'a', true?c, 2.5, [3]] as x><#if x?is_sequence>seq<#else>${x}</#if> </#list>
