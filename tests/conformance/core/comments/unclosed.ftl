a <#-- never closed
b
