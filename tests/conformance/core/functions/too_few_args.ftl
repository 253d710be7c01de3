<#function f a b><#return a></#function>${f(1)}
