<#list counts?values as v>${v}</#list>
