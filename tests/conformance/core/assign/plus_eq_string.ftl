<#assign v = 'a'><#assign v += 'b'><#assign v += 1>${v}
