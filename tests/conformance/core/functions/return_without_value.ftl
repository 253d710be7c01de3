<#function f><#return></#function>${f()!'empty'}
