<#macro m a>${a}</#macro><@m a=1 zz=2/>
