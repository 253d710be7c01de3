<#macro m>M</#macro>
x
  <@m/>
z
