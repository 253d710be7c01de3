<#macro m a, b>${a}${b}</#macro><@m a=1 b=2/>
