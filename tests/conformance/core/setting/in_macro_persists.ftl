<#macro m><#setting number_format='0.000'></#macro>${pi} <@m/>${pi}
