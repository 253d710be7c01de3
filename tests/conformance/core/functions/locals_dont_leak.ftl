<#function f><#local tmp = 1><#return tmp></#function>${f()} ${tmp!'no tmp'}
