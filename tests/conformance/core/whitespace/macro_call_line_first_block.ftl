x
  <@m/>
z
<#macro m>M</#macro>
