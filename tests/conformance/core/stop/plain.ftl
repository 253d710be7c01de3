a<#stop>b
