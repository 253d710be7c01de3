<#function f(a, b, c)><#return "a=${a}, b=${b}, c=${c}"></#function>
${f?with_args([1, 2, 3])()} ${f?with_args([1, 2])(3)} ${f?with_args([1])(2, 3)} ${f?with_args_last([3])(1, 2)}
