<#macro m>M</#macro>
x
${n}
  <@m/><@m/>  
z
