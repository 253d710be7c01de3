[
<#list seq as x>
  ${x}<#sep>,
</#list>
]
