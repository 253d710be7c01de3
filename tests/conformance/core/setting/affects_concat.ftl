<#setting number_format='0.0'>${'v=' + n}
