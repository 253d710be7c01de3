<#assign x = 1>${x}
