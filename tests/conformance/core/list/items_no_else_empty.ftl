[<#list emptyseq><#items as x>${x}</#items></#list>]
