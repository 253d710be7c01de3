<@later/>
<#macro later>L</#macro>
