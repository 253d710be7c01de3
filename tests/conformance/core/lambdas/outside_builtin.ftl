<#assign f = x -> x>${f(1)}
