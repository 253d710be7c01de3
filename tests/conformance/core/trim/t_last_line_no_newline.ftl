x
  a  <#t>