<#ftl strip_whitespace=false>
x
  a  <#t>
<#if true>
  y
</#if>
