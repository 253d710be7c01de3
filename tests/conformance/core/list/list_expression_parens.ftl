<#list (seq + [4])?reverse as x>${x}</#list>
