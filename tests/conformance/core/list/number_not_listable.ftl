<#list n as c>${c}</#list>
