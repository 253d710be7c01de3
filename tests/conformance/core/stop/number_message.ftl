<#stop 42>
