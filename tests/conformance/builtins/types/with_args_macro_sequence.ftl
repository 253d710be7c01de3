<#macro m a b c>a=${a}, b=${b}, c=${c}</#macro>
<#assign mp = m?with_args([1, 2, 3])><@mp/>
<#assign ml = m?with_args_last([3])><@ml 1 2/>
