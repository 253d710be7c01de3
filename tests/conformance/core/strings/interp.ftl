${"Hello ${name}!"}
