{
  <#list seq as v>
  "v${v}": ${v}<#if v?has_next>,</#if><#rt>

  </#list>
}
