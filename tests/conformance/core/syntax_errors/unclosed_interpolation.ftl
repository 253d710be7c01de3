${name
