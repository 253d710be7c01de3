<#if t <#-- why --> >yes</#if>
