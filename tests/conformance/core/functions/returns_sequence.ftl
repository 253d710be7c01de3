<#function pair a b><#return [a, b]></#function><#list pair('x', 'y') as v>${v}</#list>
