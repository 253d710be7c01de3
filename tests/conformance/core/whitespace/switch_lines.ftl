x
${n}
<#switch n>
  <#case 42>
    forty-two
    <#break>
  <#default>
    other
</#switch>
z
