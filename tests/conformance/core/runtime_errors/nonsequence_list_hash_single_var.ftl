<#list h as x>${x}</#list>
