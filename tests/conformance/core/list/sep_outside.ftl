a<#sep>b
