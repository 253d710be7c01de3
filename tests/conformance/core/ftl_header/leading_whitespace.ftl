  
  <#ftl>  
body
