<#compress>
  <#noparse>  ${x}   y  </#noparse>  

  z
</#compress>
