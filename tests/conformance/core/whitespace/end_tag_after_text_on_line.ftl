x
${n}
<#if true>
  y </#if>
z
