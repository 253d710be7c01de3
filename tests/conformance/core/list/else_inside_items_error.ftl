<#list seq><#items as x>${x}<#else>none</#items></#list>
