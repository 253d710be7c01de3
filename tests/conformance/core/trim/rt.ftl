x
  a  <#rt>
b
