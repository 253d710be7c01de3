<#switch 7><#case 1>one<#default>d<#case 2>two<#break><#case 3>three</#switch>
