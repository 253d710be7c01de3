<#list seq as x>${x}<#break><#else>none</#list>
