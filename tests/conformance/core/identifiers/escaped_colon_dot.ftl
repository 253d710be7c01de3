<#assign a\:b = 1 c\.d = 2>${a\:b}${c\.d}
