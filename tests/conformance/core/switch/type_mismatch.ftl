<#switch n><#case 'a'>A<#break><#default>D</#switch>
