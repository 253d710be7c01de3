<#switch n + 1><#case 40 + 3>ok<#break></#switch>
