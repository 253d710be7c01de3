x
${n}
<#-- c --><#if true>
y
</#if><#-- d -->
z
