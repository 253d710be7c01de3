<#if s == 'hello'>eq</#if><#if s = 'hello'>eq1</#if><#if s != 'x'>ne</#if>
