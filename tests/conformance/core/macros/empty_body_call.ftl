<#macro m a b c>${a}${b}${c}[<#nested>]</#macro><@m a=1 b=2 c=3></@m>
