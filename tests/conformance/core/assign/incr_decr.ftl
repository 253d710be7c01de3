<#assign x = 1><#assign x++>${x}<#assign x++ x++>${x}<#assign x-->${x}
