x
${n}
<#attempt>
  ${nope}
<#recover>
  r
</#attempt>
z
