<#macro m><#nested></#macro>
x
${n}
<@m>
  body
</@>
z
