x
${n}
<#if false>
  <#stop>
</#if>
y
