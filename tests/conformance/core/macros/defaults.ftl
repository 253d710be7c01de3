<#macro m a b='B' c=a + '!'>${a}${b}${c}</#macro><@m a='x'/> <@m a='y' b='z'/>
