<#list seq as x>${x}<#-- c --><#sep>,<#-- d --></#list>
