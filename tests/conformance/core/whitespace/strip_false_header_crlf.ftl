<#ftl strip_whitespace=false>
<#if true>
  y
</#if>
