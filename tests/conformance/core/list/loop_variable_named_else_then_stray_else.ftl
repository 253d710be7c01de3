<#list x as else>a</#list>
b<#else>c</#list>