x
${n}
<#list seq as a>
  <#if a == 2>
    <#list letters[0..1] as b>
      ${a}${b}
    </#list>
  </#if>
</#list>
z
