<#if t><#assign x = 'then'><#else><#assign x = 'else'></#if>${x}
