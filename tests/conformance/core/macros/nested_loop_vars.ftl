<#macro rep count><#list 1..count as i><#nested i, i * 2></#list></#macro><@rep count=3 ; a, b>${a}-${b} </@rep>
