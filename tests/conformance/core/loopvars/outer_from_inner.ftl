<#list seq as x><#list letters[0..1] as y>${x?index}${y?index} </#list></#list>
