a<#stop 'reason here'>b
