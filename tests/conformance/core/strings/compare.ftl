<#if 'abc' == "abc">eq</#if><#if 'a' != 'b'>ne</#if>
