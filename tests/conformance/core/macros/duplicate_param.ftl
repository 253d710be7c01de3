<#macro m a a>${a}</#macro><@m a=1/>
