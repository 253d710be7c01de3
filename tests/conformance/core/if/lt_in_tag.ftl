<#if n < 100>lt</#if><#if n <= 42>lte</#if>
