X
${n}
<#if true>   
  y
</#if>	 
Z
