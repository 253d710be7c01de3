<#switch 2><#default>D<#break><#case 2>two</#switch>
