<#function f a><#return a></#function>${f(1, 2)}
