[<#list [] as x>${x}</#list><#list {} as k, v>${k}</#list>]
