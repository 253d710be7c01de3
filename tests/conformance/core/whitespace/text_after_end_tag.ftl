x
${n}
<#if true>
y
</#if> tail
z
