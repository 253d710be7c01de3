<#list ['x', 'y', 'z'] as v>${v}</#list>
