<#list letters><#items as l>${l}<#if l == 'c'><#break></#if></#items>!</#list>
