<#list [{'id': 1}, {'id': 2}] as o>${o.id}</#list>
