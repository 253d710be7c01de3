<#if
  t &&
  n == 42
>yes</#if>
