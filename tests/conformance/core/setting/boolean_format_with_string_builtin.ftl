<#setting boolean_format='Y,N'>${t?string} ${f?string} ${t?c} ${'v=' + t}
