<#function f>text ${n}<#return 1></#function>[${f()}]
