<#list 1..2 as i>${i}<#rt></#list>
<#list 1..2 as i>
  <#lt>  ${i}
</#list>
end <#t>
