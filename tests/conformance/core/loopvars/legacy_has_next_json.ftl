[<#list seq as x>${x}<#if x_has_next>,</#if></#list>]
