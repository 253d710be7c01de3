<#if input.computed_time == 1692206763>eq</#if>
