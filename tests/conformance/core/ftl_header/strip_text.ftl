<#ftl strip_text=true>
text is dropped
<#if true>${n}</#if>
  more text
<#macro m>kept in macro</#macro><@m/>
