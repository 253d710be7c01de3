${(f && nope)?c} ${(t || nope)?c}
