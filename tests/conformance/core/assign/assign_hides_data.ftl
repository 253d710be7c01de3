<#assign name = 'Me'>${name} ${.data_model.name}
