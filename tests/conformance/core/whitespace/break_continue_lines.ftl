x
${n}
<#list seq as x>
  <#if x == 1>
    <#continue>
  </#if>
  ${x}
  <#if x == 2>
    <#break>
  </#if>
</#list>
z
