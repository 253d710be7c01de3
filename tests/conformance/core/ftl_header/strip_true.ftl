<#ftl strip_whitespace=true>
x
<#if true>
  y
</#if>
z
