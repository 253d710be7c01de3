<#ftl strip_whitespace=false>
<#macro m>M</#macro>
x
  <@m/>
z
