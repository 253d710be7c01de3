<#function f a><#return a></#function>${f(a=1)}
