x
${n}
<#list seq as v>item ${v}
</#list>
z
