<#if t>x</#if>}
${n}}
