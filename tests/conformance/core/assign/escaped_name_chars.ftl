<#assign my\-var = 5>${my\-var}
