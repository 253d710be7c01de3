<#list seq + letters[0..1] + [] as x>${x}</#list>
