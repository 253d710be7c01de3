[<#list letters[2..<2] as l>${l}</#list>]
