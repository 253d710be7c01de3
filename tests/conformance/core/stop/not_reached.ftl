<#if f><#stop></#if>ok
