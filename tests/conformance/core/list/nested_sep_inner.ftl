<#list [[1, 2], [3]] as row>[<#list row as c>${c}<#sep>,</#list>]<#sep>;</#list>
