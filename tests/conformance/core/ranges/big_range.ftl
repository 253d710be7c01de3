<#list 1..1000 as i><#if i % 250 == 0>${i} </#if></#list>
