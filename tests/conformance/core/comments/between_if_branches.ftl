<#if f>a<#-- x --><#else><#-- y -->b</#if>
