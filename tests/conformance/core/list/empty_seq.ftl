[<#list emptyseq as x>${x}</#list>]
