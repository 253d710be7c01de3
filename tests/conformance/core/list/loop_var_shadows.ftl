<#assign x = 'outer'><#list seq as x>${x}</#list> ${x}
