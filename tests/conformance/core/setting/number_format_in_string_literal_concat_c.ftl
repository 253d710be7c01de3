<#setting number_format='0.00'>${'a' + n} ${n?c} ${'${n?c}'}
