<#list seq x>${x}</#list>
