${(t && nope)?c}
