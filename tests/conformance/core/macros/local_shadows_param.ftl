<#macro m x><#local x = x + 1>${x}</#macro><@m x=1/>
