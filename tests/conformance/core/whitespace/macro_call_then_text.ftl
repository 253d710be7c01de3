<#macro m>M</#macro>
x
${n}
  <@m/> tail
z
