X
  <#if true>
  y
  </#if>
Z
