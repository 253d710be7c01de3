text
</#if>
