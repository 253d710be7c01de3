<#macro m><#local v = 'macro-local'><#nested v></#macro><#assign v = 'ns'><@m; x>${x}/${v}</@m>
