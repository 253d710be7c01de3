<#assign c>
  line1
  <#if t>line2</#if>
</#assign>[${c}]
