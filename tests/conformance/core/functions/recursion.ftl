<#function fib k><#if k lt 2><#return k></#if><#return fib(k - 1) + fib(k - 2)></#function>${fib(15)}
