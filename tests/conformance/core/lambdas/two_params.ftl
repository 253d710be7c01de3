<#list seq?filter((a, b) -> a) as x>${x}</#list>
