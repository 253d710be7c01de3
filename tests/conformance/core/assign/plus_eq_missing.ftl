<#assign q += 1>${q}
