<#if t>x
