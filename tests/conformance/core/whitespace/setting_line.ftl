x
${n}
<#setting number_format='0.0'>
${n}
