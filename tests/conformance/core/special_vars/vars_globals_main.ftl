<#assign a = 'ns'><#global g = 'gl'>${.vars.a} ${.globals.g} ${.main.a} ${.data_model.name}
