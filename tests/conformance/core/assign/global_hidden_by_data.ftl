<#global name = 'G'>${name}
