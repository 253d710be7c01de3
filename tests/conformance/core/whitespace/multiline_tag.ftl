x
${n}
<#assign
  a = 1
>
y${a}
