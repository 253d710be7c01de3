${(input.users?size > 0)?c} <#if input.users?size gt 2>more than two</#if>
