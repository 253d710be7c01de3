x
${n}
  a <#t>
  b
