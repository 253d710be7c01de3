a
b ${name}

c
