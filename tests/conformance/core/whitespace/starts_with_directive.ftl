<#if true>
  y
</#if>
Z
