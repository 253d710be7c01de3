${s + seq}
