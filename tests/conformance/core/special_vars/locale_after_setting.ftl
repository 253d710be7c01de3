<#setting locale='de_DE'>${.locale} ${.lang}
