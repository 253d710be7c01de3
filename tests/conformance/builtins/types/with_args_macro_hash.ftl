<#macro m a b c>a=${a}, b=${b}, c=${c}</#macro>
<#assign dynArgs = {'a': 1, 'b': 2, 'c': 3}>
<#assign mm = m?with_args(dynArgs)><@mm/>
<#assign mWithDefs = m?with_args({'b': 22, 'c': 33})><@mWithDefs a=1 c='overridden'/>
