<#switch n><#case 42>a<#case 43>b<#break><#default>d</#switch>
