<#macro m a b>${a}|${b}</#macro><@m a=n + 1 b=s + '!'/>
