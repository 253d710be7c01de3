<#assign x>abc
