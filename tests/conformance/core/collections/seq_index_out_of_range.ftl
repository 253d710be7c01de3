${letters[5]}
