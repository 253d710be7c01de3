<#function f><#assign nsVar = 'ns'><#return 1></#function>${f()} ${nsVar}
