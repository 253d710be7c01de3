x
${n}
  <#assign a = 1>