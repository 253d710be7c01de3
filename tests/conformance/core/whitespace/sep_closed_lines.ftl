[
<#list seq as x>
  ${x}<#sep>
  ,
  </#sep>
</#list>
]
