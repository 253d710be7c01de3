x
  a  <#lt>
b
