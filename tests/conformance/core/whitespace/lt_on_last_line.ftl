x
${n}
   y <#lt>