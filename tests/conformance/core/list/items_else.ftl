<#list emptyseq>[<#items as l>${l}</#items>]<#else>empty</#list>
