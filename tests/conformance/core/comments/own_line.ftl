a
<#-- comment -->
b
