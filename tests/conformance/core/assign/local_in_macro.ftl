<#macro m><#local l = 'loc'>${l}</#macro><@m/> ${l!'none'}
