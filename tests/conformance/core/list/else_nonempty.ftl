<#list seq as x>${x}<#else>none</#list>
