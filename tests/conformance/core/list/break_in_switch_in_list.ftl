<#list seq as x><#switch x><#case 2>two<#break><#default>${x}</#switch>;</#list>
