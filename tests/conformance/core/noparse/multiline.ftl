a
<#noparse>
  ${x}
  <#list>
</#noparse>
b
