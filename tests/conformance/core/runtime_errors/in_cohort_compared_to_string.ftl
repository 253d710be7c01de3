<#if input.in_cohort == "true">in</#if>
