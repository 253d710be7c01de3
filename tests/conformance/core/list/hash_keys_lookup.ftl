<#list counts?keys as k>${k}=${counts[k]}<#sep>, </#list>
