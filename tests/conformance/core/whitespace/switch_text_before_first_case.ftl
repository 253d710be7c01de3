x
${n}
<#switch n>
  <#case 42>
  hit
</#switch>
