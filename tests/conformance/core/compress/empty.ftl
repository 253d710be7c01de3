[<#compress>   
   </#compress>]
