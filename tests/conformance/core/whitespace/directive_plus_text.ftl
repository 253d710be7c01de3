X
${n}
<#if true>a
</#if>
z
