<#setting number_format='computer'>
<#setting boolean_format='on,off'>
${price} ${t}
