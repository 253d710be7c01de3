   <#ftl>   
x
<#if true>
  y
</#if>
