<#if name?? && name == 'World'>yes</#if>
