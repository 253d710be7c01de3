<#global g = 1>${g}
