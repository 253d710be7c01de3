<#macro m><#local c>cap ${n}</#local>[${c}]</#macro><@m/>
