<#switch n><#case 1>one<#break><#default>other</#switch>
