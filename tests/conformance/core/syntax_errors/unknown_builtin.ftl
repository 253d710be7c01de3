${s?nosuch}
