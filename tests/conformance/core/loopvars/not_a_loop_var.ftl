<#assign y = 1>${y?index}
