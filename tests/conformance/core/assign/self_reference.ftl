<#assign x = 1><#assign x = x + 1 x = x * 10>${x}
