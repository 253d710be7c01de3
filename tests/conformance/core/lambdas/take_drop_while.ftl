<#list [1, 2, 5, 1]?take_while(x -> x < 3) as x>${x}</#list>|<#list [1, 2, 5, 1]?drop_while(x -> x < 3) as x>${x}</#list>
