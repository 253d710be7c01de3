<#ftl strip_whitespace=false>
<#list seq as x>
  ${x}<#sep>,
</#list>
