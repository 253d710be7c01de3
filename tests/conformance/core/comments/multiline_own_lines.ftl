x
<#--
  block
  comment
-->
y
