<#macro m a b>${a}</#macro><@m a=1/>
