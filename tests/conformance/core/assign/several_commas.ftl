<#assign a = 1, b = 'two', c = [a]>${a}${b}${c[0]}
