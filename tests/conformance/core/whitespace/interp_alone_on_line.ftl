x
${n}
  ${n}  
y
