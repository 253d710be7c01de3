x
${n}
<#compress>
  a  b
</#compress>
z
