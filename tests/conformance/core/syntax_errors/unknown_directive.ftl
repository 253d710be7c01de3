<#foo>
