<#macro m>M</#macro>
<#assign h = {"k": 1}>
  <@h["k"]/>