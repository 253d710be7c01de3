x
${n}
<#if true>#{n}
</#if>
#{n}<#if true>
</#if>
z
