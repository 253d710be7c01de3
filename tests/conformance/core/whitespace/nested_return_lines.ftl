<#macro m>
  a
  <#nested>
  <#return>
  b
</#macro>
x
<@m>
  n
</@m>
z
