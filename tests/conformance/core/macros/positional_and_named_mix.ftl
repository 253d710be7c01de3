<#macro m a b>${a}${b}</#macro><@m 1 b=2/>
