<#list seq as x><#list letters[0..1] as y>${x}${y} </#list></#list>
