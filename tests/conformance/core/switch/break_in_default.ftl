<#switch 'z'><#default>d<#break>after</#switch>
