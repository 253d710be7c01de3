<#list 0..<3 as i>${i}</#list>|<#list 0..<0 as i>${i}</#list>|<#list 3..<1 as i>${i}</#list>
