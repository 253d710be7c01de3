<#macro m><#nested></#macro><#macro outer><@m><#local x = 'set in nested'></@m>${x}</#macro><@outer/>
