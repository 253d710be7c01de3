<#list seq as x>${x}
