<#if t && !f || f>x</#if><#if f || f>y</#if><#if t && t>z</#if>
