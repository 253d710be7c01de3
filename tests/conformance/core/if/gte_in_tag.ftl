<#if n >= 10>gte</#if>
