<#function f></#function>${f()}
