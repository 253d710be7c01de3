<#setting boolean_format='yes'>${t}
