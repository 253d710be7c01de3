<#list emptyseq as x>${x}<#sep>,<#else>nothing</#list>
