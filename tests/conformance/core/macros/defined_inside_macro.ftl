<#macro outer><#macro inner>I</#macro></#macro><@outer/><@inner/>
