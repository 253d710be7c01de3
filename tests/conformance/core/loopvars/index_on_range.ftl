<#list 10..12 as i>${i}@${i?index} </#list>
