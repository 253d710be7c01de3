<#function f></#function>${f()!'none'}
