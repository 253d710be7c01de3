<#if t
x
