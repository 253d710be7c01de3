a<#list [] as i><#else>
  y
</#list>|