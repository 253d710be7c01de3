a<#continue>b
