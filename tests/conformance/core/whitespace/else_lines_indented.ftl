x
${n}
  <#if f>
    a
  <#elseif t>
    b
  <#else>
    c
  </#if>
z
