x
${n}
<#macro m>
  inside
</#macro>
<@m/>
z
