<#list as x>${x}</#list>
