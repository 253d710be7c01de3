<#macro m><#compress>
   ${n}   

   x
</#compress></#macro>[<@m/>]
