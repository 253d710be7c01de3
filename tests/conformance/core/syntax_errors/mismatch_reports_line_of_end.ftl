<#list seq as x>
  <#if x>
    y
  </#list>
</#if>
