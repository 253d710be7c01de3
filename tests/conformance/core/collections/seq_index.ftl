${seq[0]} ${letters[4]} ${letters[n - 40]} ${[10, 20][1]}
