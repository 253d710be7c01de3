a
   <#-- comment -->   
b
