<#if !f>nf</#if><#if !!t>nnt</#if>
