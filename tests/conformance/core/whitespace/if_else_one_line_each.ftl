x
${n}
<#if t>yes<#else>no</#if>
<#if f>yes<#else>no</#if>
z
