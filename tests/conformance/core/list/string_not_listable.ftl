<#list s as c>${c}</#list>
