<#list seq as x>
  ${x}<#t>
</#list>
