<#macro m>m<#stop></#macro>a<@m/>b
