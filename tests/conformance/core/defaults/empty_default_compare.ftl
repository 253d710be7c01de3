<#if nope! == ''>eq</#if>
