a
<#attempt>
  ${nope}
<#recover>
  fallback
</#attempt>
b
