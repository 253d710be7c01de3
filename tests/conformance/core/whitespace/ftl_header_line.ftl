<#ftl>
<#if true>
  y
</#if>
z
