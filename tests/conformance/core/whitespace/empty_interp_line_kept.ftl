x
${n}
<#if true>${''}
</#if>
z
