[<#list nope![] as x>${x}</#list>]
