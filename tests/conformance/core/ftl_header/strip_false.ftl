<#ftl strip_whitespace=false>
x
<#if true>
  y
</#if>
z
