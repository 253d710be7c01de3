<#if false>
x
</#if>
y
