<#assign n++>${n}
