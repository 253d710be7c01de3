<#function setg><#global fromFn = 'set'><#return 1></#function>${setg()} ${fromFn}
