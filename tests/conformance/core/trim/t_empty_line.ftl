x
   <#t>
y
