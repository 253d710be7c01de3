<#switch nope><#case 1>x</#switch>
