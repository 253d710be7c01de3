<#list letters as l><#items as x>${x}</#items></#list>
