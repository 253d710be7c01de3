<#setting number_format='percent'>${pi} ${tiny}
