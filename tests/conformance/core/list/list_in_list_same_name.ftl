<#list seq as x><#list letters[0..0] as x>${x}</#list>${x} </#list>
