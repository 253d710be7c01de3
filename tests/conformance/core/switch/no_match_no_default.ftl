[<#switch n><#case 1>one<#break></#switch>]
