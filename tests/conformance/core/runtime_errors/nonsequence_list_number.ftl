<#list n as x>${x}</#list>
