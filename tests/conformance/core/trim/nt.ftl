x
  <#if true><#nt>
  y
  </#if>
z
