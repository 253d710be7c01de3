[
<#list letters as l>
  "${l}"<#sep>,
</#list>
]
