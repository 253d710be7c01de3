<#assign g = 'G'><#macro m>${name} ${g}</#macro><@m/>
