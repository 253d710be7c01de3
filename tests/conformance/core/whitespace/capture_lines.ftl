x
${n}
<#assign c>
  captured
</#assign>
[${c}]
