<#compress><#list seq as x>

   ${x}   

</#list></#compress>
