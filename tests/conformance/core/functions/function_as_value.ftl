<#function f x><#return x + 1></#function><#assign g = f>${g(1)}
