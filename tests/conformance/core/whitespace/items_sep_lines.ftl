[
<#list seq>
  <#items as x>
  ${x}<#sep>,
  </#items>
</#list>
]
