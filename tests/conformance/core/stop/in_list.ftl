<#list seq as x>${x}<#if x == 2><#stop 'at two'></#if></#list>
