<#macro m><#nested></#macro>
x
  <@m>
  body
  </@m>
z
