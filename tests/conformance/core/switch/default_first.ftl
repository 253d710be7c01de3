<#switch n><#default>d<#case 1>one</#switch>
