<#compress>
  x = ${s}    

   y = ${name}
</#compress>|
