x
${n}
<#if true>
${n}
</#if>
