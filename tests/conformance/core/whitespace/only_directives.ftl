<#if true>
</#if>
<#list seq as x>
</#list>
