<#if f && nope>x<#else>no error</#if><#if t || nope> ok</#if>
