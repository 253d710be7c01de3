<#if 'true'>x</#if>
