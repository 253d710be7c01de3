a<#nested>b
