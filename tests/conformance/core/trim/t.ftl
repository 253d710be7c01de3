x
  a  <#t>
b
