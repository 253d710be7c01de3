<#function f><#stop 'from function'></#function>a${f()}b
