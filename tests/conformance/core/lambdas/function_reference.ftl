<#function big x><#return x gt 1></#function><#list seq?filter(big) as x>${x}</#list>
