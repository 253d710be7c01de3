<#macro m a>${a}</#macro><@m a=1 <@m a=1 zz=2/>
zz=2/>