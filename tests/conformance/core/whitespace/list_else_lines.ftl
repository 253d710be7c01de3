[
<#list emptyseq as x>
  ${x}
<#else>
  none
</#list>
]
