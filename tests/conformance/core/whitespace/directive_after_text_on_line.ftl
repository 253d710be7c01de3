x
${n}
text <#if true>
  y
</#if>
z
