  a  <#t>
b
