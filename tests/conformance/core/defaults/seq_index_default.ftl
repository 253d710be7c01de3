${(letters[10])!'oob'} ${letters[10]!'oob2'}
