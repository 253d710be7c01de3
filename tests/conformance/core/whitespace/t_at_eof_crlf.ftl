x
  a  <#t>
