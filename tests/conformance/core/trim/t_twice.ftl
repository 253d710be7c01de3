x
  a <#t><#t>
y
