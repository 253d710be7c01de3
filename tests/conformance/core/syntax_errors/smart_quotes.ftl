<#if s == “hello”>x</#if>
