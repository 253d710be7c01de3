{
  "a": [
    <#list seq as x>
      <#if x?is_odd_item>
        "${x}"<#sep>,</#sep>
      <#else>
        ${x}<#sep>,</#sep>
      </#if>
    </#list>
  ]
}
