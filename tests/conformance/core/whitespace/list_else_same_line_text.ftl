x
${n}
<#list emptyseq as e>${e}<#else>empty</#list>
z
