<#list seq as x>${x}</#lst>
