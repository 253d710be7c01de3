<#assign x = 1><#assign x += 2>${x}
