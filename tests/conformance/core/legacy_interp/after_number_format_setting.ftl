<#setting number_format='0.00'>#{pi} ${pi}
