a
b
  ${s?nosuch}
