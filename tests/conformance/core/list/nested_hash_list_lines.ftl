{
<#list h as k, v>
  "${k}": <#if v?is_hash>{...}<#else>"${v}"</#if><#sep>,
</#list>
}
