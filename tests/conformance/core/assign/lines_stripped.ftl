<#assign a = 1>
<#assign b = 2>
  <#global c = 3>
${a}${b}${c}
