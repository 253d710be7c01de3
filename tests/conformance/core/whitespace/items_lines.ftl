[
<#list seq>
  <#items as x>
    ${x}
  </#items>
</#list>
]
