<#list seq as x>${x}</#list>${x}
