<#macro m>
  <#nt>
  body
</#macro>
<@m/>
