<#macro m>
  ${missing_in_macro}
</#macro>
<@m/>
