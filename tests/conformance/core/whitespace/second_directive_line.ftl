X
<#assign a = 1>
<#if true>
  y
</#if>
Z
