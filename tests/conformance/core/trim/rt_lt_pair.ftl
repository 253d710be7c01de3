x
  <#if true>  <#rt>
  mid  <#lt>
</#if>
z
