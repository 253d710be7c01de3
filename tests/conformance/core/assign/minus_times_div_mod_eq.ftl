<#assign x = 10><#assign x -= 3>${x} <#assign x *= 4>${x} <#assign x /= 8>${x} <#assign x %= 2>${x}
