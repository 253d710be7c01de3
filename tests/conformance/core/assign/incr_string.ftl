<#assign v = 'a'><#assign v++>${v}
