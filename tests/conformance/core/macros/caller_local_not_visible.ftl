<#macro inner>${secret!'hidden'}</#macro><#macro outer><#local secret = 's'><@inner/></#macro><@outer/>
