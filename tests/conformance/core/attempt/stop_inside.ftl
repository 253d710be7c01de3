<#attempt>a<#stop 'halt'><#recover>caught</#attempt>
