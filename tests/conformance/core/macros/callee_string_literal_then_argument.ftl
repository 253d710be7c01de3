<#macro m>M</#macro>
x
<@'m/>cro
  <@'m/>