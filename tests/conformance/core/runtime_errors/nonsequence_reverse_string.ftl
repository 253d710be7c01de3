<#list s?reverse as c>${c}</#list>
