<#macro m><#nested></#macro><@m><#local x = 1>${x}</@m>
