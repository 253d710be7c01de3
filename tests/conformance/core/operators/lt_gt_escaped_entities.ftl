<#if n &gt; 10>gt</#if><#if n &lt; 100>lt</#if>
