<#macro m>
  <#if true>a<#rt></#if>
  b
</#macro><@m/>|
<#attempt>x<#t><#recover></#attempt>
|