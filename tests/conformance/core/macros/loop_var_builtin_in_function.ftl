<#function f u><#return u?has_next></#function><#list seq as x>${f(x)?c}</#list>
