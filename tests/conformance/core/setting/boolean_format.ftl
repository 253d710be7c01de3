<#setting boolean_format='yes,no'>${t} ${f} ${(n > 1)}
