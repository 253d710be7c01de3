q
 	 x 	 <#t>
b
