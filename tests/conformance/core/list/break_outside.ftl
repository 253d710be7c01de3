a<#break>b
