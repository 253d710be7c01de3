<#list 2..*3 as i>${i}</#list>|<#list 2..*0 as i>${i}</#list>|<#list 5..*-3 as i>${i}</#list>
