<#list seq as x>${x}<#sep>${nope}</#list>
