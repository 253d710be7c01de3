<#function f x>
  <#local y = x * 2>
  <#return y>
</#function>
${f(3)}
