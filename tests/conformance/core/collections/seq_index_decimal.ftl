${letters[1.7]}
