<#global g = 'global'><#assign g = 'ns'>${g} ${.globals.g}
