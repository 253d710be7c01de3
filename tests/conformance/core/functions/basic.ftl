<#function twice x><#return x * 2></#function>${twice(21)}
