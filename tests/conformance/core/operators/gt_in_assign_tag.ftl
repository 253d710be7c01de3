<#assign big = n > 10>${big?c}
