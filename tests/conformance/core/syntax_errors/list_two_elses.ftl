<#list seq as x>${x}<#else>a<#else>b</#list>
