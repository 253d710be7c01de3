<#switch n><#on 42>x</#switch>
