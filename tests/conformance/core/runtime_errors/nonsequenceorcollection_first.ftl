${s?first}
