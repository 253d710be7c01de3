<#if 'a' < 'b'>lt</#if>
