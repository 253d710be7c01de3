<#list m as row><#list row as c>${c}</#list>;</#list>
