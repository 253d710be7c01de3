a
<#noparse>
  ${x}
</#noparse>
b
