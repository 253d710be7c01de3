		${s?nosuch}
