<#setting boolean_format='c'>${t} ${f}
