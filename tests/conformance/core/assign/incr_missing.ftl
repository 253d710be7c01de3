<#assign q++>${q}
