<#ftl strip_text=true>
dropped
${n}
<#if true>
kept? 
</#if>
