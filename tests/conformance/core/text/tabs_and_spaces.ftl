	indented	text  
  ${name}	
