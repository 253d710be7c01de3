x
  a  <#t>
b
