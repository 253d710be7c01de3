<#list input.cohort_name as c>${c}</#list>
