x
${n}
<#noparse>
  ${raw}
</#noparse>
z
