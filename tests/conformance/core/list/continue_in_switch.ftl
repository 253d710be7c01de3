<#list seq as x><#switch x><#case 2><#continue><#default>${x}</#switch>;</#list>
