<#if (nope!)?has_content>x<#else>empty</#if>
