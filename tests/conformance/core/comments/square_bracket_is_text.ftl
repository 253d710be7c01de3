[#-- not a comment --]
