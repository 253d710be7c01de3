<#macro m>${1}
 <#rt><#attempt><#recover>R</#attempt>
  <#if true>
  x
  </#if>
 
[]</#macro><@m/>|