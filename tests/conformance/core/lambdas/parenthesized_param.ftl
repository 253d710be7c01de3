<#list seq?map((x) -> x * 10) as x>${x} </#list>
