<#function twice x><#return x * 2></#function>${twice(2) + 1} ${-twice(2)}
