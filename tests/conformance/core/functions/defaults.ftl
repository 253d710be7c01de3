<#function f a b=10><#return a + b></#function>${f(1)} ${f(1, 2)}
