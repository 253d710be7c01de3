x</#if>
