a
<#if t>
  yes
<#elseif f>
  no
<#else>
  never
</#if>
b
