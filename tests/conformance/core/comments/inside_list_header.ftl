<#list seq <#-- the source --> as x>${x}</#list>
